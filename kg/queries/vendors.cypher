// Vendor relationships and their status (active or ended).
// params:
MATCH (v:Organization)-[r:VENDOR_TO]->(c:Organization)
RETURN v.name AS vendor, c.name AS client, r.service AS service, r.status AS status,
       size(r.sources) AS sources
ORDER BY vendor, client
