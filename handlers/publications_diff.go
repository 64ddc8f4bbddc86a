package handlers

import (
	"bytes"
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"steward/jobs/publish"
	"steward/models"
	"steward/web"
)

// publicationDiff shows the payload sent next to the record rendered now with the current
// mapping, so a steward chooses what to replay.
func (s *server) publicationDiff(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	p, err := models.PublicationByID(s.DB, id)
	if err != nil {
		return err
	}
	ch, err := models.ChannelByID(s.DB, p.ChannelID)
	if err != nil {
		return err
	}
	v := web.PublicationDiffView{Publication: models.PublicationView{Publication: p, ChannelName: ch.Name, ChannelKind: ch.Kind}, Sent: indent(p.Payload)}
	rec, err := publish.LoadRecord(s.DB, p.ObjectType, p.GoldenID)
	if err == nil {
		var now []byte
		if now, err = publish.RenderFor(s.DB, ch, rec); err == nil {
			v.Now = indent(string(now))
		}
	}
	if err != nil {
		v.RenderError = err.Error()
	}
	v.Lines = diffLines(v.Sent, v.Now)
	return render(c, fiber.StatusOK, web.PublicationDiffPage(s.shell(c, "Replay publication", "publications"), v))
}

func indent(s string) string {
	var b bytes.Buffer
	if json.Indent(&b, []byte(s), "", "  ") != nil {
		return s
	}
	return b.String()
}

// diffLines is a line diff by longest common subsequence: payloads are a few dozen lines.
func diffLines(a, b string) []web.DiffLine {
	x, y := splitLines(a), splitLines(b)
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []web.DiffLine
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case x[i] == y[j]:
			out = append(out, web.DiffLine{Op: " ", Text: x[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, web.DiffLine{Op: "-", Text: x[i]})
			i++
		default:
			out = append(out, web.DiffLine{Op: "+", Text: y[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, web.DiffLine{Op: "-", Text: x[i]})
	}
	for ; j < m; j++ {
		out = append(out, web.DiffLine{Op: "+", Text: y[j]})
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return bytes2lines(s)
}

func bytes2lines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
