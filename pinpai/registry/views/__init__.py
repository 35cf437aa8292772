"""Registry pages for staff, enterprises and the public: lists with filters and exports, detail pages,
the brand form and the review queue. Reads go through selectors, writes through services."""
