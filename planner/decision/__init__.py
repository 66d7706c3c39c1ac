"""The decision beyond its volumes: the frame, the indicator register, training places."""
