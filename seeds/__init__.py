"""Seed data files: hospitals, the line catalogue, prices and commissioned volumes."""
