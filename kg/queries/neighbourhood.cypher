// An entity's facts in both directions (pass --param name=NAME: any alias, Korean or English, or the id).
// params: name="Meta"
MATCH (e)-[r]->(other)
WITH e, r, other, lower($name) AS key
WHERE label(r) <> 'MENTIONS'
  AND (lower(e.name) = key OR e.id = $name OR any(a IN e.aliases WHERE lower(a) = key))
RETURN e.name AS entity, label(r) AS relation, 'out' AS direction, other.name AS other,
       size(r.sources) AS sources
UNION ALL
MATCH (other)-[r]->(e)
WITH e, r, other, lower($name) AS key
WHERE label(r) <> 'MENTIONS'
  AND (lower(e.name) = key OR e.id = $name OR any(a IN e.aliases WHERE lower(a) = key))
RETURN e.name AS entity, label(r) AS relation, 'in' AS direction, other.name AS other,
       size(r.sources) AS sources
