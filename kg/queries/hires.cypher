// People hired by organizations, with role and date.
// params:
MATCH (o:Organization)-[r:HIRED]->(p:Person)
RETURN o.name AS organization, p.name AS person, r.role AS role, r.date AS date,
       size(r.sources) AS sources
ORDER BY organization, person
