// Placeholder: the cmark-backed parser lives here (the one file that imports CCmark).
