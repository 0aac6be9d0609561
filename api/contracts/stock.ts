/** At or under this many units an active product is low on stock (a warning, yellow). Plain code: the browser pages import it. */
export const LOW_STOCK = 5;

/** Days a restock takes to arrive, unless asked otherwise: a product forecast to run out sooner is a restock warning (yellow). */
export const RESTOCK_LEAD_DAYS = 14;
