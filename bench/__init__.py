"""make bench: the generator against plain Material (python -m bench), and the serve reload timer."""
