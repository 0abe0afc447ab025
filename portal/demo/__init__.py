"""The demo site: invented content in data/*.toml, loaded by `manage.py load_demo` through the test factories.

Nothing else imports this package; the portal runs without it."""
