package vcard

// jpegSize reads a JPEG's width and height from its headers, checking them
// as image/jpeg.DecodeConfig does, without the 13 KB decoder that
// DecodeConfig allocates: a 10,000-card phone export spent more on those
// decoders than on anything else it read. ok is false whenever this walk
// is not sure DecodeConfig would say the same, and then the caller asks
// DecodeConfig (FuzzJPEGSize holds the two together).
func jpegSize(b []byte) (width, height int, ok bool) {
	if len(b) < 2 || b[0] != 0xFF || b[1] != 0xD8 {
		return 0, 0, false
	}
	jfif, sof := false, false
	for i := 2; ; {
		if i+1 >= len(b) || b[i] != 0xFF {
			return 0, 0, false // cut off, or bytes between segments
		}
		for i+1 < len(b) && b[i+1] == 0xFF { // fill bytes
			i++
		}
		if i+3 >= len(b) {
			return 0, 0, false
		}
		marker, n := b[i+1], int(b[i+2])<<8|int(b[i+3])
		seg := b[i+4:]
		if n < 2 || n-2 > len(seg) {
			return 0, 0, false
		}
		seg = seg[:n-2]
		switch {
		case marker >= 0xC0 && marker <= 0xC2: // SOF0, SOF1, SOF2
			if sof || !jpegFrameOK(seg) {
				return 0, 0, false
			}
			sof = true
			height, width = int(seg[1])<<8|int(seg[2]), int(seg[3])<<8|int(seg[4])
			if jfif {
				return width, height, true // DecodeConfig stops here too
			}
		case marker == 0xDA: // SOS: the headers are over
			return width, height, sof
		case marker == 0xE0: // APP0
			if len(seg) >= 5 { // a shorter one is skipped
				jfif = string(seg[:5]) == "JFIF\x00"
			}
		case marker == 0xC4, marker == 0xDB, marker == 0xDD, // DHT, DQT, DRI: skipped by DecodeConfig
			marker > 0xE0 && marker <= 0xEF, marker == 0xFE: // other APPn, COM
		default: // EOI, RST, other SOFs, unknown markers: leave it to DecodeConfig
			return 0, 0, false
		}
		i += 2 + n
	}
}

// jpegFrameOK checks a frame header (SOFn segment) as image/jpeg does:
// 8-bit samples, 1, 3 or 4 components with distinct identifiers, and the
// sampling factors it can decode.
func jpegFrameOK(seg []byte) bool {
	var nComp int
	switch len(seg) {
	case 6 + 3*1, 6 + 3*3, 6 + 3*4:
		nComp = (len(seg) - 6) / 3
	default:
		return false
	}
	if seg[0] != 8 || int(seg[5]) != nComp {
		return false
	}
	var hs, vs [4]int
	for i := range nComp {
		c := seg[6+3*i:]
		for j := range i {
			if seg[6+3*j] == c[0] {
				return false // repeated component identifier
			}
		}
		if c[2] > 3 { // quantisation table
			return false
		}
		hv := c[1]
		h, v := int(hv>>4), int(hv&0x0f)
		if h < 1 || h > 4 || v < 1 || v > 4 || h == 3 || v == 3 {
			return false
		}
		switch nComp {
		case 1:
			h, v = 1, 1
		case 3:
			switch i {
			case 0:
				if v == 4 {
					return false
				}
			case 1:
				if hs[0]%h != 0 || vs[0]%v != 0 {
					return false
				}
			case 2:
				if hs[1] != h || vs[1] != v {
					return false
				}
			}
		case 4:
			switch i {
			case 0:
				if hv != 0x11 && hv != 0x22 {
					return false
				}
			case 1, 2:
				if hv != 0x11 {
					return false
				}
			case 3:
				if hs[0] != h || vs[0] != v {
					return false
				}
			}
		}
		hs[i], vs[i] = h, v
	}
	return true
}
