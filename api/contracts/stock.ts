/** At or under this many units an active product is low on stock (a warning, yellow). Plain code: the browser pages import it. */
export const LOW_STOCK = 5;
