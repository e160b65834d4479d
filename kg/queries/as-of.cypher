// Who works where and who supplies whom on a date: the states that hold then.
// params: date="2025-07-01"
// A state holds from valid_from (inclusive) to valid_to (exclusive); ISO dates
// compare as strings at their precision, so "2025-06" counts from June 1st.
// A hire with no WORKS_AT edge counts as employment from the hire date until a
// departure from the same organization.
MATCH (p:Person)-[r:WORKS_AT]->(o:Organization)
WHERE (r.valid_from IS NULL OR r.valid_from <= $date)
  AND (r.valid_to IS NULL OR r.valid_to > $date)
RETURN p.name AS subject, "WORKS_AT" AS relation, o.name AS object, r.title AS detail,
       r.valid_from AS valid_from, r.valid_to AS valid_to
UNION
MATCH (o:Organization)-[h:HIRED]->(p:Person)
WHERE h.date <= $date
  AND NOT EXISTS { MATCH (p)-[:WORKS_AT]->(o) }
  AND NOT EXISTS { MATCH (p)-[d:DEPARTED]->(o) WHERE d.date > h.date AND d.date <= $date }
RETURN p.name AS subject, "WORKS_AT" AS relation, o.name AS object, h.role AS detail,
       h.date AS valid_from, CASE WHEN h.date IS NULL THEN h.date END AS valid_to
UNION
MATCH (v:Organization)-[r:VENDOR_TO]->(c:Organization)
WHERE (r.valid_from IS NULL OR r.valid_from <= $date)
  AND (r.valid_to IS NULL OR r.valid_to > $date)
  AND (r.status IS NULL OR r.status <> "ended" OR r.valid_to IS NOT NULL)
RETURN v.name AS subject, "VENDOR_TO" AS relation, c.name AS object, r.service AS detail,
       r.valid_from AS valid_from, r.valid_to AS valid_to
