"""The demo site: our own words and pictures as data files, and the command that loads them."""
