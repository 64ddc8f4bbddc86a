// Package models holds Steward's GORM models and the store functions over them: the golden
// records (products, customers, prices, inventory), channels and external references, users,
// sessions and the audit trail. Functions take a *gorm.DB so that callers decide the
// transaction; nothing here knows about HTTP or templates.
package models
