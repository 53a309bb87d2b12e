# Django's Vietnamese formats leave numbers ungrouped; official documents write 10.598.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
# Dates are typed as 31/12/2025; ISO is accepted too (what a browser's date picker sends).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
