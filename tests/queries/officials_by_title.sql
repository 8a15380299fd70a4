-- Officials by title: how many people hold each title, with a few names.
SELECT trim(title) AS title, count(DISTINCT name) AS officials, list(DISTINCT name ORDER BY name)[1:3] AS examples
FROM (SELECT name, unnest(string_split(titles, '; ')) AS title FROM read_parquet('{out}/officials.parquet'))
GROUP BY trim(title)
ORDER BY officials DESC, title;
