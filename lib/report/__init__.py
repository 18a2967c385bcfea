"""결과보고: the monitoring report as one document model, rendered as DOCX and HWPX."""

from lib.report.model import Report, build_report, file_stem, generated_lines

__all__ = ["Report", "build_report", "file_stem", "generated_lines"]
