"""Economie: de MKBA (kasboek per partij en post, contant gemaakt), de levensloop na de horizon, groepen en regio's."""
