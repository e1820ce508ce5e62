# The site's Arabic dates, wherever Django formats one by itself (the admin's lists,
# history and messages): day, month name, year, as the pages write them. Django's own
# Arabic formats have no DATETIME_FORMAT, so the English «N j, Y, P» showed through.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، g:i A"
TIME_FORMAT = "g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d‏/m‏/Y"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
