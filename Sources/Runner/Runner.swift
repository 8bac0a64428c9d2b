// Runner module
