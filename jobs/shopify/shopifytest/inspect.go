package shopifytest

// Views of the shop's state for tests, as the Shopify admin would show it.

// Variant is a variant as the shop holds it.
type Variant struct {
	ProductTitle, ProductStatus, SKU, Price string
	Available                               int
}

// VariantBySKU finds a variant by SKU.
func (s *Server) VariantBySKU(sku string) (Variant, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.shop.variants {
		if v.sku == sku {
			p := s.shop.products[v.productID]
			return Variant{ProductTitle: p.title, ProductStatus: p.status, SKU: v.sku, Price: v.price, Available: v.available}, true
		}
	}
	return Variant{}, false
}

// Counts are how many products and customers the shop holds.
func (s *Server) Counts() (products, customers int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.shop.products), len(s.shop.customers)
}

// CustomerEmail tells whether a customer with the email exists, and its last name.
func (s *Server) CustomerEmail(email string) (lastName string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.shop.customerByEmail(email); c != nil {
		return c.lastName, true
	}
	return "", false
}
