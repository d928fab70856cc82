"""Tibet education poverty-alleviation dashboard: data contract, figures, Dash pages and exports."""
