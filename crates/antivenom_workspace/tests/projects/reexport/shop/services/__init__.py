from .storage import load_report, save_report

__all__ = ["load_report", "save_report"]
