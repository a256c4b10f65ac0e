package demo

// script is a group of names written in one writing system, with the
// order a full name is written in.
type script struct {
	given, family []string
	familyFirst   bool   // Japanese: family name first
	emailable     bool   // names are ASCII-friendly enough for an email local part
	sep           string // between the two names
}

var scripts = []struct {
	weight int
	s      script
}{
	{50, script{
		given:     []string{"Anna", "Jürgen", "José", "Zoë", "François", "Łukasz", "Ingrid", "Sofía", "Björn", "Chloé", "Mateo", "Ana", "Jörg", "Renée", "Noémie", "Søren", "Małgorzata", "İlkay", "Emma", "Liam", "Olivia", "Noah", "Mia", "Lukas", "Léa", "Hugo", "Marta", "Paolo", "Giulia", "Tomás"},
		family:    []string{"Müller", "García", "Lefèvre", "Wójcik", "Sørensen", "Schmidt", "Núñez", "Öztürk", "Dubois", "Rossi", "Fernández", "Kowalski", "Jensen", "Smith", "Brown", "Weiß", "Novák", "Hernández", "Łęcki", "Ferreira", "Çelik", "Bianchi", "Martin", "Janssen", "O'Brien", "Meyer", "Fischer", "Wagner", "Becker", "Hoffmann"},
		emailable: true, sep: " ",
	}},
	{12, script{
		given:  []string{"Анна", "Иван", "Ольга", "Дмитрий", "Наталья", "Сергей", "Татьяна", "Алексей", "Мария", "Андрій", "Оксана", "Юлія"},
		family: []string{"Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Шевченко", "Коваленко", "Бондаренко", "Ткаченко"},
		sep:    " ",
	}},
	{10, script{
		given:  []string{"Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Κώστας", "Αικατερίνη", "Δημήτρης", "Σοφία"},
		family: []string{"Παπαδόπουλος", "Παπαδοπούλου", "Οικονόμου", "Γεωργίου", "Νικολάου", "Βασιλείου", "Αντωνίου"},
		sep:    " ",
	}},
	{10, script{
		given:       []string{"太郎", "花子", "健太", "陽菜", "翔", "さくら", "大輔", "美咲", "蓮", "結衣"},
		family:      []string{"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"},
		familyFirst: true, sep: " ",
	}},
	{10, script{
		given:  []string{"محمد", "فاطمة", "أحمد", "مريم", "علي", "ليلى", "يوسف", "نور"},
		family: []string{"العلي", "حسن", "الخطيب", "منصور", "الحسيني", "سليمان", "عبد الله"},
		sep:    " ",
	}},
	{8, script{
		given:     []string{"Ahmet", "Elif", "Mehmet", "Zeynep", "Wei", "Li", "Priya", "Arjun", "Nguyễn", "Thảo"},
		family:    []string{"Yılmaz", "Kaya", "Wang", "Zhang", "Sharma", "Patel", "Trần", "Phạm"},
		emailable: true, sep: " ",
	}},
}

var companies = []string{"", "", "", "", "", "", "", "Café Lumière", "Atelier Nord", "Bike Garage", "Hotel Adler", "Kita Sonnenblume", "Stadtwerke", "Praxis Dr. Öz", "Kanzlei Weiß & Partner"}

var tags = []string{"vip", "wholesale", "gluten-free", "vegan", "newsletter", "staff", "catering", "allergy: nuts", "school", "neighbour"}

var descriptions = []string{"Sourdough loaf", "Croissants", "Birthday cake", "Coffee & pastry", "Rye bread", "Cinnamon rolls", "Baguette", "Catering order", "Gift box", "Seasonal tart", "Pretzels", "Wedding cake deposit", "Cookies", "Bread subscription"}

var payments = []string{"Card", "Card", "Card", "Cash", "Cash", "Other"}

var noteTexts = map[string][]string{
	"note":      {"Prefers seeded bread", "Allergic to nuts", "Likes a chat about football", "Orders for the office on Fridays", "Asked about gluten-free options"},
	"call":      {"Called to order a birthday cake", "Asked about opening hours at Christmas", "Wants a catering quote for 40 people"},
	"visit":     {"Came by with the kids", "Tasted the new rye", "Picked up the cake order"},
	"email":     {"Sent the catering quote", "Confirmed the order by email"},
	"complaint": {"Bread was too dark", "Had to wait 15 minutes", "Cake arrived late"},
	"feedback":  {"Loves the new croissants", "Thinks prices went up", "Great service as always", "Would recommend us to friends"},
}
