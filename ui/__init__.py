"""The Qt (PySide6) user interface. Calls the domain in `loyalty` and nothing below it."""
