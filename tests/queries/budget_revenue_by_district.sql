-- Budget revenue by district: the district named by the document's meeting body or headline.
WITH place AS (
    SELECT d.path, d.sha256,
           coalesce(nullif(regexp_extract(any_value(m.body), '(huyện|thị xã|thành phố|quận) \p{Lu}\p{L}*( \p{Lu}\p{L}*)*', 0), ''),
                    nullif(regexp_extract(d.title, '(huyện|thị xã|thành phố|quận) \p{Lu}\p{L}*( \p{Lu}\p{L}*)*', 0), '')) AS district
    FROM read_parquet('{out}/documents.parquet') d
    LEFT JOIN read_parquet('{out}/meetings.parquet') m USING (path, sha256)
    GROUP BY d.path, d.sha256, d.title
)
SELECT district, f.period, max(f.value) AS revenue_vnd
FROM read_parquet('{out}/figures.parquet') f JOIN place USING (path, sha256)
WHERE lower(f.metric) LIKE '%thu ngân sách%' AND f.unit = 'VND' AND district IS NOT NULL
GROUP BY district, f.period
ORDER BY revenue_vnd DESC;
