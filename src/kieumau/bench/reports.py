"""The national report at national scale: gathering the figures once, then each format."""

from dataclasses import asdict, dataclass

from kieumau.bench.timing import rounded, timed
from kieumau.programme.models import Round
from kieumau.reports.narrative import national_report
from kieumau.reports.renderers import renderer

FORMATS = ("docx", "pdf", "xlsx")


@dataclass(frozen=True)
class ReportTiming:
    format: str
    seconds: float  # figures gathered and the file written, as `kieumau report` does
    render_seconds: float  # of which: laying out the gathered report
    size_bytes: int

    def as_dict(self) -> dict:
        return asdict(self)


def reports_time(round: Round) -> list[ReportTiming]:
    """Each format timed from the records to the file's bytes (a fresh report each time, as a
    user asking for it gets); the first format also pays for importing its library, so a
    throwaway PDF is drawn first to load WeasyPrint's fonts, like a server that is up."""
    renderer("pdf").render(national_report(round))
    timings = []
    for format in FORMATS:
        module = renderer(format)
        report, gathering = timed(lambda: national_report(round))
        content, rendering = timed(lambda module=module, report=report: module.render(report))
        timings.append(
            ReportTiming(format, rounded(gathering + rendering), rounded(rendering), len(content))
        )
    return timings
