"""Function views, one module per topic: pages, wizard, api, accounts, scenarios, shares."""
