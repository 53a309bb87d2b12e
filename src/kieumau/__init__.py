"""Kiểu Mẫu — the information system of the model ward police programme."""
