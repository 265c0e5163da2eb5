"""serve: the read-only SPARQL protocol endpoint and the explorer's HTML pages over the built store."""
