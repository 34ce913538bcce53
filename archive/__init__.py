"""Archive: the raw store and extracted records → one SQLite file, published with Datasette."""
