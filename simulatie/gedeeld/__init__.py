"""Gedeeld door alle lagen: de codes van toestanden en groepen, de invoerfout, getalopmaak en veilig schrijven."""
