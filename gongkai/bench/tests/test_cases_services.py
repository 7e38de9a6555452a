"""The services import benchmark, in quick form: it measures both sides on the same rows and
reports memory; the import writes what the baseline writes, row for row."""

from gongkai.bench import cases_services
from gongkai.bench.registry import discover
from gongkai.services.models import ServiceCase


def test_the_services_benchmarks_are_registered():
    assert {"services_import_csv", "services_import_xlsx"} <= {b.name for b in discover()}


def test_the_import_is_measured_against_the_raw_baseline(db, tmp_path):
    for kind in ("csv", "xlsx"):
        result = cases_services.measure_import(kind, 300, tmp_path)
        assert result.unit == "s" and result.subject_rate > 0 and result.baseline_rate > 0
        assert result.ratio == result.subject_rate / result.baseline_rate
        assert result.details["rows"] == 300 and result.details["import_peak_rss_mb"] > 0
        assert "×" in result.line()
    assert not ServiceCase.objects.exists()  # both sides cleaned up after themselves


def test_the_generated_export_reads_back_without_rejects(db, tmp_path):
    from gongkai.services import actions

    _district, items, source = cases_services.bench_setup()
    path = tmp_path / "cases.csv"
    cases_services.write_file(path, "csv", 50, [i.code for i in items])
    run = actions.run_import(actions.start_import_from_path(source, path), path=path)
    assert (run.created, run.rejected) == (50, 0)
    bad = ServiceCase.objects.filter(rating="2")
    assert bad.count() == 7 and all(c.applicant_phone.plaintext().startswith("1380013") for c in bad)
