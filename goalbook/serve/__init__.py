"""`goalbook serve`: build into a temporary folder, serve it on 127.0.0.1, rebuild on change."""
