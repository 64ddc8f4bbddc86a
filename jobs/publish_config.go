package jobs

import "steward/jobs/publish"

// publishConfig is the publish worker's configuration with the runner's database and log.
func publishConfig(cfg Config) publish.Config {
	p := cfg.Publish
	p.DB = cfg.DB
	if p.Log == nil {
		p.Log = cfg.Log
	}
	return p
}
