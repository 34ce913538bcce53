"""``ogi``: the command-line tool and nightly job, thin layers over crawler, extract and archive."""
