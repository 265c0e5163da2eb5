"""actorgraph: news documents in, a knowledge graph of political actors out."""

__version__ = "0.1.0"
