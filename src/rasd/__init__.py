"""rasd: who said what, in which role, when: attributed statements from Arabic news."""

__version__ = "0.1.0"
