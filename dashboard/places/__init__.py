"""Where things are: gazetteer, geocoder, place mentions in text."""
