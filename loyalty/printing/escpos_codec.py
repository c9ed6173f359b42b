"""The code page receipt printers are driven in: PC858 (ESC t 19), which has €, £, ¥, ñ, á and
the other Spanish letters. Python's `cp858` codec encodes it; what it lacks prints as '?'."""

PRINTER_CODEC = "cp858"
PRINTER_CODE_PAGE = 19   # ESC t n selects it
