// kg: ready queries for the Neo4j Browser (Neo4j's Cypher: type(r), not label(r)).
// Paste one query at a time into the editor, or save each as a favourite: the
// comment on its first line becomes the favourite's title. Apply the style first:
// drag kg/graph/kg.grass onto the Browser (or `:style` and paste its text).

// Investments: who put money into whom (amount, currency and date on the edge)
MATCH p = (investor)-[r:INVESTED_IN]->(investee:Organization)
RETURN p;

// Investments as a table, largest first
MATCH (a)-[r:INVESTED_IN]->(b:Organization)
RETURN a.name AS investor, b.name AS investee, r.amount AS amount, r.currency AS currency,
       r.date AS date, size(r.sources) AS sources
ORDER BY amount DESC;

// Talent: hires, departures and who hired from whom
MATCH p = ()-[r:HIRED|DEPARTED|HIRED_FROM|WORKS_AT]->()
RETURN p;

// Partnerships, their ends, vendors and competitors
MATCH p = (:Organization)-[r:PARTNERED_WITH|ENDED_PARTNERSHIP|VENDOR_TO|COMPETES_WITH]->(:Organization)
RETURN p;

// One organization's neighbourhood (set the name first: :param name => 'Meta')
MATCH p = (e {name: $name})-[r]-(other)
WHERE type(r) <> 'MENTIONS'
RETURN p;

// Which articles a fact comes from (click an edge: sources and evidence are its properties)
MATCH (d:Document)-[:MENTIONS]->(e)
RETURN d.path AS article, d.published AS published, collect(e.name) AS mentions
ORDER BY published DESC;

// Everything except the article nodes
MATCH p = (a)-[r]->(b)
WHERE type(r) <> 'MENTIONS'
RETURN p
LIMIT 300;
