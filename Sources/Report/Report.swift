// Report module
