"""Excel interchange: templates for a round and a province, imports that check every row
before changing anything, and xlsx exports of lists and tables."""
