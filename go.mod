module codeberg.org/entraide/entraide

go 1.26.0

require (
	github.com/mattn/go-sqlite3 v1.14.53
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/BurntSushi/toml v1.6.0
	golang.org/x/text v0.31.0
)

require github.com/sahilm/fuzzy v0.1.3
