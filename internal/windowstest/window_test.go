package windowstest

import (
	"bufio"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWindowOpens starts Regulars.exe on a demo file on a virtual screen
// (Xvfb; Fyne draws through Wine's OpenGL on Mesa) and waits until the
// customers screen is drawn: the screen must show many colours, not one
// blank area. The picture goes to REGULARS_WINDOWS_SCREENSHOT when set.
func TestWindowOpens(t *testing.T) {
	dir := winDir(t, "window")
	db := dir + `\shop.db`
	must(t, "demo", wine(t, exe(), "demo", "--db", db, "--customers", "300", "--purchases", "3000", "--seed", "3"))

	fbdir := t.TempDir()
	display := startXvfb(t, fbdir)
	app := wineCmd(exe(), "--db", db)
	app.Env = append(app.Env, "DISPLAY="+display)
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stopWine()
		app.Wait()
	}()

	// The first frame comes once Wine, GL and the data file are up; the
	// list fills in after. Wait for a full screen, then one more second.
	var shot *image.RGBA
	colours := 0
	for deadline := time.Now().Add(90 * time.Second); colours < 200 && time.Now().Before(deadline); {
		time.Sleep(2 * time.Second)
		var err error
		if shot, err = readXWD(filepath.Join(fbdir, "Xvfb_screen0")); err != nil {
			t.Fatal(err)
		}
		colours = distinctColours(shot)
	}
	time.Sleep(time.Second)
	shot, _ = readXWD(filepath.Join(fbdir, "Xvfb_screen0"))
	colours = distinctColours(shot)
	t.Logf("the screen shows %d colours", colours)
	if colours < 200 {
		t.Fatalf("the window did not draw: %d colours on the screen", colours)
	}
	if out := os.Getenv("REGULARS_WINDOWS_SCREENSHOT"); out != "" {
		writePNG(t, out, window(shot))
	}
}

// startXvfb starts a virtual screen whose frame buffer Xvfb keeps as a
// file in fbdir, and returns its display name.
func startXvfb(t *testing.T, fbdir string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x860x24", "-fbdir", fbdir, "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatalf("Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		t.Fatalf("Xvfb gave no display number: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// distinctColours counts the different colours in img.
func distinctColours(img image.Image) int {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r, g, bl}] = true
		}
	}
	return len(seen)
}

// window cuts the screen down to what is not the empty black screen
// around the window (there is no window manager, so no frame either).
func window(screen *image.RGBA) image.Image {
	box := image.Rectangle{}
	b := screen.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := screen.RGBAAt(x, y); c.R|c.G|c.B != 0 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Empty() {
		return screen
	}
	return screen.SubImage(box)
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	fmt.Println("windowstest: wrote", path)
}
