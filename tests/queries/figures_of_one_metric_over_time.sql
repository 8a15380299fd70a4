-- All figures of one metric over time: budget revenue ("thu ngân sách") in đồng, oldest period first.
SELECT period_start, period_end, value, unit, metric, path
FROM read_parquet('{out}/figures.parquet')
WHERE lower(metric) LIKE '%thu ngân sách%' AND unit = 'VND' AND period_start IS NOT NULL
ORDER BY period_end, path;
