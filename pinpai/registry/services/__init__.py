"""Registry writes, by sub-domain: enterprises, brands (and their workflow), rights (trademarks,
certificates, GIs, products), cultivation lists, imports."""
