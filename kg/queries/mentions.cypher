// Documents that mention an entity, by its name or any alias (pass --param name=NAME).
// params: name="Meta"
MATCH (d:Document)-[:MENTIONS]->(e)
WHERE e.name = $name OR $name IN e.aliases
RETURN e.name AS entity, d.path AS document, d.published AS published, d.title AS title
ORDER BY published, document
