"""The interventions dataset: model, vocabulary, values, validation, and one reader per source."""
