import io

from home.benchmarks import percentile, time_interleaved, write_timings


class TestBenchmarkTimings:
    def test_percentile_picks_the_nearest_rank(self):
        values = list(range(1, 101))
        assert percentile(values, 0.5) == 51
        assert percentile(values, 0.95) == 95
        assert percentile([7], 0.95) == 7

    def test_every_case_runs_interleaved_and_counts_come_from_the_first_round(self):
        calls = []

        def run(params):
            calls.append(params)
            return params * 10

        rounds, counts = time_interleaved(run, ["a", "b"], repeat=3, warm_up=1)
        assert calls == ["a", "a", "b", "a", "b", "a", "b"]
        assert [len(timings) for timings in rounds] == [2, 2, 2]
        assert counts == ["aaaaaaaaaa", "bbbbbbbbbb"]

    def test_report_gives_all_runs_best_of_n_and_counts(self):
        out = io.StringIO()
        write_timings(out, "label", [[5.0, 50.0], [1.0, 70.0]], [3, 9])
        text = out.getvalue()
        assert "label   (n=2 x 2)" in text
        assert "all runs   p50   50.0 ms" in text
        assert "best of 2  p50    1.0 ms   p95   50.0 ms   max   50.0 ms" in text
        assert "results: min 3, median 6, max 9" in text
