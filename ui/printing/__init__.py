"""Printing from the window: PDF previews, printers, card sheets and slips in the background."""
