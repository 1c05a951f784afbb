"""Geography of Peru for the cooperation maps: regions, gazetteer, geocoder, joins."""
