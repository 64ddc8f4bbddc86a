package synth

import (
	"fmt"
	"strings"
)

// city is a town with the postcode prefix and phone area code of its region.
type city struct {
	name, post, area string
}

// country is what the generator knows of one country's names, addresses and formats.
type country struct {
	code, name, local string // ISO code, English and local name ("Germany", "Deutschland")
	weight            int    // share of records, relative
	dial              string // country calling code
	trunk             string // national prefix dialled before the area code ("0"), if any
	first, last       []string
	syll              [2][]string // surname syllables: start, end
	trades            []string    // "Baumarkt", "Elektro", …
	legal             [][]string  // legal forms, each with the spellings sources use
	streets           []string
	cities            []city
	tld               string
	free              []string // consumer mail domains
	vat               func(r rng) string
}

var countries = []*country{de, at, ch, fr, it, es, nl, be, gb, us, pl, se}

var germanFirst = []string{"Anna", "Peter", "Petra", "Thomas", "Sabine", "Michael", "Andrea", "Stefan", "Claudia", "Jürgen", "Monika", "Klaus", "Ursula", "Frank", "Birgit", "Jörg", "Katrin", "Uwe", "Susanne", "Markus", "Julia", "Lukas", "Lena", "Jonas", "Sophie", "Felix", "Marie", "Tobias", "Hannah", "Björn", "Sören", "Günter", "Heike", "Matthias", "Nicole"}
var germanLast = []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Keller", "Köhler", "Maier", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Friedrich", "Günther", "Böhm", "Groß", "Roth", "Sommer"}
var germanSyll = [2][]string{
	{"Al", "Ber", "Bren", "Dal", "Eck", "Ehr", "Fal", "Gro", "Hal", "Hei", "Hil", "Kam", "Kor", "Lan", "Lin", "Mar", "Nie", "Ost", "Pfei", "Ras", "Rein", "Ros", "Sand", "Schwa", "See", "Stein", "Tal", "Trau", "Wal", "Wes", "Wil", "Zeh"},
	{"mann", "er", "ler", "hofer", "berger", "stein", "bach", "meier", "huber", "inger", "brecht", "wald", "feld", "haus", "reiter", "schmid", "dorf", "kamp", "rath", "ecker"},
}
var germanTrades = []string{"Baumarkt", "Elektro", "Sanitär", "Holzhandel", "Autohaus", "Bäckerei", "Metallbau", "Dachdeckerei", "Gartenbau", "Haustechnik", "Werkzeughandel", "Bürobedarf", "Getränkehandel", "Landtechnik", "Malerbetrieb", "Fliesenhandel", "Heizungsbau", "Eisenwaren", "Druckerei", "Logistik", "Industriebedarf", "Elektrotechnik", "Maschinenbau", "Farben", "Baustoffe"}
var germanStreets = []string{"Haupt", "Bahnhof", "Schiller", "Goethe", "Linden", "Berliner", "Kirch", "Garten", "Dorf", "Schul", "Wald", "Post", "Markt", "Mühlen", "Industrie", "Gewerbe", "Friedhof", "Wiesen", "Birken", "Eichen", "Ahorn", "Rosen", "Feld", "Sonnen", "Kastanien", "Tannen", "Mozart", "Beethoven", "Kant", "Lessing", "Uhland", "Blumen", "Hafen", "Kloster", "Konrad-Adenauer-", "Friedrich-Ebert-", "Bismarck", "Heinrich-Heine-"}

var de = &country{
	code: "DE", name: "Germany", local: "Deutschland", weight: 30, dial: "49", trunk: "0",
	first: germanFirst, last: germanLast, syll: germanSyll, trades: germanTrades,
	legal: [][]string{
		{"GmbH", "G.m.b.H.", "Gmbh", "GMBH", "Gesellschaft mit beschränkter Haftung"},
		{"GmbH & Co. KG", "GmbH u. Co. KG", "GmbH & Co KG", "GmbH&Co.KG"},
		{"AG", "Aktiengesellschaft"},
		{"KG", "Kommanditgesellschaft"},
		{"e.K.", "e. K.", "eK"},
		{"OHG", "oHG"},
		{"UG (haftungsbeschränkt)", "UG", "UG (haftungsbeschraenkt)"},
	},
	streets: germanStreets,
	cities: []city{{"Berlin", "10", "30"}, {"Hamburg", "20", "40"}, {"München", "80", "89"}, {"Köln", "50", "221"}, {"Frankfurt am Main", "60", "69"},
		{"Stuttgart", "70", "711"}, {"Düsseldorf", "40", "211"}, {"Leipzig", "04", "341"}, {"Dortmund", "44", "231"}, {"Essen", "45", "201"},
		{"Bremen", "28", "421"}, {"Dresden", "01", "351"}, {"Hannover", "30", "511"}, {"Nürnberg", "90", "911"}, {"Duisburg", "47", "203"},
		{"Bochum", "44", "234"}, {"Wuppertal", "42", "202"}, {"Bielefeld", "33", "521"}, {"Bonn", "53", "228"}, {"Münster", "48", "251"},
		{"Mannheim", "68", "621"}, {"Karlsruhe", "76", "721"}, {"Augsburg", "86", "821"}, {"Wiesbaden", "65", "611"}, {"Freiburg im Breisgau", "79", "761"},
		{"Regensburg", "93", "941"}, {"Würzburg", "97", "931"}, {"Göttingen", "37", "551"}, {"Osnabrück", "49", "541"}, {"Kiel", "24", "431"}},
	tld: "de", free: []string{"gmx.de", "web.de", "t-online.de", "gmail.com", "yahoo.de", "outlook.de", "freenet.de"},
	vat: func(r rng) string { return "DE" + number(r, 9) },
}

var at = &country{
	code: "AT", name: "Austria", local: "Österreich", weight: 5, dial: "43", trunk: "0",
	first: germanFirst, last: append([]string{"Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier", "Schneider"}, germanLast[:10]...),
	syll: germanSyll, trades: germanTrades,
	legal:   [][]string{{"GmbH", "Ges.m.b.H.", "GesmbH", "G.m.b.H."}, {"KG"}, {"AG"}, {"OG"}, {"e.U."}},
	streets: germanStreets,
	cities:  []city{{"Wien", "1", "1"}, {"Graz", "8", "316"}, {"Linz", "4", "732"}, {"Salzburg", "5", "662"}, {"Innsbruck", "6", "512"}, {"Klagenfurt", "9", "463"}, {"Villach", "9", "4242"}, {"Wels", "4", "7242"}, {"St. Pölten", "3", "2742"}, {"Dornbirn", "6", "5572"}},
	tld:     "at", free: []string{"gmx.at", "aon.at", "gmail.com", "chello.at", "a1.net"},
	vat: func(r rng) string { return "ATU" + number(r, 8) },
}

var ch = &country{
	code: "CH", name: "Switzerland", local: "Schweiz", weight: 5, dial: "41", trunk: "0",
	first: append([]string{"Reto", "Urs", "Beat", "Corinne", "Nadine", "Luca", "Chiara", "Yannick"}, germanFirst[:20]...),
	last:  []string{"Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Schneider", "Meyer", "Steiner", "Fischer", "Gerber", "Brunner", "Baumann", "Frei", "Zimmermann", "Moser", "Widmer", "Wyss", "Graf", "Roth", "Favre", "Rochat", "Bernasconi"},
	syll:  germanSyll, trades: germanTrades,
	legal:   [][]string{{"AG", "A.G.", "SA"}, {"GmbH", "Sàrl", "Sarl"}, {"Genossenschaft"}},
	streets: append([]string{"Bahnhof", "Dorf", "See", "Kirch", "Zürcher", "Berner", "Haupt", "Industrie"}, germanStreets[10:20]...),
	cities:  []city{{"Zürich", "80", "44"}, {"Genève", "12", "22"}, {"Basel", "40", "61"}, {"Bern", "30", "31"}, {"Lausanne", "10", "21"}, {"Winterthur", "84", "52"}, {"Luzern", "60", "41"}, {"St. Gallen", "90", "71"}, {"Lugano", "69", "91"}, {"Biel/Bienne", "25", "32"}},
	tld:     "ch", free: []string{"bluewin.ch", "gmx.ch", "gmail.com", "hispeed.ch"},
	vat: func(r rng) string {
		d := number(r, 9)
		return "CHE-" + d[:3] + "." + d[3:6] + "." + d[6:] + " MWST"
	},
}

var fr = &country{
	code: "FR", name: "France", local: "France", weight: 12, dial: "33", trunk: "0",
	first:   []string{"Marie", "Jean", "Pierre", "Michel", "Nathalie", "Isabelle", "Philippe", "Sylvie", "Catherine", "François", "Nicolas", "Céline", "Stéphane", "Sébastien", "Hélène", "Aurélie", "Jérôme", "Frédéric", "Élodie", "Benoît", "Camille", "Léa", "Chloé", "Hugo", "Théo"},
	last:    []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Perrin"},
	syll:    [2][]string{{"Beau", "Bel", "Char", "Chau", "Du", "Fon", "Gau", "La", "Le", "Mar", "Mon", "Pel", "Ro", "Sau", "Ver", "Vil", "Bou", "Cour", "Des", "Fer"}, {"champ", "mont", "val", "lier", "court", "ville", "rand", "chet", "gnon", "nier", "teau", "vin", "det", "reau", "zac", "mas"}},
	trades:  []string{"Bricolage", "Électricité", "Plomberie", "Menuiserie", "Quincaillerie", "Boulangerie", "Garage", "Imprimerie", "Transports", "Matériaux", "Fournitures Industrielles", "Chauffage", "Peinture", "Carrelage", "Jardinerie"},
	legal:   [][]string{{"SARL", "S.A.R.L.", "Sarl", "S.à r.l."}, {"SAS", "S.A.S.", "Sas"}, {"SA", "S.A.", "Société Anonyme"}, {"EURL", "E.U.R.L."}, {"SNC"}},
	streets: []string{"de la Paix", "Victor Hugo", "de la République", "Jean Jaurès", "du Général de Gaulle", "Pasteur", "des Lilas", "de la Gare", "Nationale", "du Moulin", "de l'Église", "des Écoles", "Gambetta", "Voltaire", "Foch", "de Verdun", "Saint-Michel", "des Roses", "du Château", "de Lyon"},
	cities:  []city{{"Paris", "75", "1"}, {"Marseille", "13", "4"}, {"Lyon", "69", "4"}, {"Toulouse", "31", "5"}, {"Nice", "06", "4"}, {"Nantes", "44", "2"}, {"Strasbourg", "67", "3"}, {"Montpellier", "34", "4"}, {"Bordeaux", "33", "5"}, {"Lille", "59", "3"}, {"Rennes", "35", "2"}, {"Reims", "51", "3"}, {"Saint-Étienne", "42", "4"}, {"Toulon", "83", "4"}, {"Grenoble", "38", "4"}, {"Dijon", "21", "3"}, {"Angers", "49", "2"}, {"Nîmes", "30", "4"}},
	tld:     "fr", free: []string{"orange.fr", "free.fr", "wanadoo.fr", "laposte.net", "gmail.com", "sfr.fr", "hotmail.fr"},
	vat: func(r rng) string { return "FR" + digits(r, 2) + number(r, 9) },
}

var it = &country{
	code: "IT", name: "Italy", local: "Italia", weight: 8, dial: "39",
	first:   []string{"Giuseppe", "Maria", "Giovanni", "Anna", "Antonio", "Francesca", "Mario", "Luigi", "Paola", "Marco", "Laura", "Andrea", "Giulia", "Luca", "Chiara", "Roberto", "Alessandra", "Stefano", "Federica", "Niccolò"},
	last:    []string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone"},
	syll:    [2][]string{{"Bel", "Cas", "Del", "Fer", "Gal", "Lom", "Mar", "Pel", "Ros", "San", "Tor", "Val", "Vi", "Zan", "Buo", "Car"}, {"lini", "tti", "ni", "ello", "etti", "one", "ucci", "ari", "ardi", "ese", "otto", "ato"}},
	trades:  []string{"Ferramenta", "Elettricità", "Idraulica", "Edilizia", "Falegnameria", "Autofficina", "Tipografia", "Trasporti", "Forniture Industriali", "Materiali Edili", "Termoidraulica", "Colori"},
	legal:   [][]string{{"S.r.l.", "Srl", "S.R.L.", "s.r.l."}, {"S.p.A.", "SpA", "S.P.A."}, {"S.n.c.", "Snc"}, {"S.a.s.", "Sas"}},
	streets: []string{"Roma", "Garibaldi", "Mazzini", "Verdi", "Dante", "Marconi", "Cavour", "Vittorio Emanuele", "XX Settembre", "Matteotti", "della Repubblica", "dei Mille", "San Francesco", "Manzoni", "Gramsci"},
	cities:  []city{{"Roma", "00", "06"}, {"Milano", "20", "02"}, {"Napoli", "80", "081"}, {"Torino", "10", "011"}, {"Palermo", "90", "091"}, {"Genova", "16", "010"}, {"Bologna", "40", "051"}, {"Firenze", "50", "055"}, {"Bari", "70", "080"}, {"Verona", "37", "045"}, {"Padova", "35", "049"}, {"Brescia", "25", "030"}},
	tld:     "it", free: []string{"libero.it", "virgilio.it", "gmail.com", "tiscali.it", "alice.it", "hotmail.it"},
	vat: func(r rng) string { return "IT" + digits(r, 11) },
}

var es = &country{
	code: "ES", name: "Spain", local: "España", weight: 6, dial: "34",
	first:   []string{"María", "José", "Antonio", "Carmen", "Manuel", "Ana", "Francisco", "Laura", "David", "Lucía", "Javier", "Marta", "Daniel", "Cristina", "Jesús", "Raúl", "Sergio", "Elena", "Pablo", "Nuria"},
	last:    []string{"García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos"},
	syll:    [2][]string{{"Al", "Bel", "Cal", "Cas", "Es", "Gal", "Lo", "Mar", "Mon", "Pa", "Ri", "Sal", "Val", "Ver"}, {"ares", "eda", "illo", "ero", "ino", "ández", "iel", "ona", "ada", "uelo"}},
	trades:  []string{"Ferretería", "Electricidad", "Fontanería", "Construcciones", "Carpintería", "Talleres", "Imprenta", "Transportes", "Suministros Industriales", "Materiales"},
	legal:   [][]string{{"S.L.", "SL", "S.L.U.", "Sociedad Limitada"}, {"S.A.", "SA", "Sociedad Anónima"}},
	streets: []string{"Mayor", "Real", "de la Constitución", "del Sol", "de Alcalá", "Gran Vía", "San Juan", "de la Paz", "Cervantes", "Colón", "de Andalucía", "del Carmen"},
	cities:  []city{{"Madrid", "28", "91"}, {"Barcelona", "08", "93"}, {"Valencia", "46", "96"}, {"Sevilla", "41", "95"}, {"Zaragoza", "50", "976"}, {"Málaga", "29", "95"}, {"Murcia", "30", "968"}, {"Bilbao", "48", "94"}, {"Alicante", "03", "96"}, {"Córdoba", "14", "957"}},
	tld:     "es", free: []string{"gmail.com", "hotmail.com", "yahoo.es", "telefonica.net", "outlook.com"},
	vat: func(r rng) string {
		return "ES" + string(byte('A'+r.IntN(8))) + digits(r, 7) + string(byte('0'+r.IntN(10)))
	},
}

var nl = &country{
	code: "NL", name: "Netherlands", local: "Nederland", weight: 6, dial: "31", trunk: "0",
	first:   []string{"Jan", "Johannes", "Maria", "Cornelis", "Anna", "Hendrik", "Pieter", "Sanne", "Daan", "Emma", "Sem", "Lotte", "Bram", "Femke", "Joost", "Eline", "Thijs", "Anouk", "Ruud", "Marieke"},
	last:    []string{"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer"},
	syll:    [2][]string{{"Ver", "Van", "Hoog", "Groot", "Kool", "Berk", "Stol", "Wil", "Brink", "Hout"}, {"man", "stra", "hout", "veld", "kamp", "berg", "huis", "hof", "mans", "sma"}},
	trades:  []string{"Bouwmarkt", "Installatietechniek", "Elektrotechniek", "Houthandel", "Garagebedrijf", "Drukkerij", "Transport", "Bouwmaterialen", "Schildersbedrijf", "Groothandel"},
	legal:   [][]string{{"B.V.", "BV", "b.v.", "Besloten Vennootschap"}, {"N.V.", "NV"}, {"V.O.F.", "VOF", "vof"}},
	streets: []string{"Kerk", "Dorps", "School", "Molen", "Haven", "Stations", "Wilhelmina", "Juliana", "Beatrix", "Oranje", "Nieuwe", "Markt", "Linden", "Berken", "Eiken"},
	cities:  []city{{"Amsterdam", "10", "20"}, {"Rotterdam", "30", "10"}, {"Den Haag", "25", "70"}, {"Utrecht", "35", "30"}, {"Eindhoven", "56", "40"}, {"Groningen", "97", "50"}, {"Tilburg", "50", "13"}, {"Almere", "13", "36"}, {"Breda", "48", "76"}, {"Nijmegen", "65", "24"}},
	tld:     "nl", free: []string{"gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.com", "home.nl", "outlook.com"},
	vat: func(r rng) string { return "NL" + number(r, 9) + "B01" },
}

var be = &country{
	code: "BE", name: "Belgium", local: "Belgique", weight: 3, dial: "32", trunk: "0",
	first:   []string{"Luc", "Marc", "Sofie", "Els", "Koen", "Nathalie", "Pieter", "Ann", "Wim", "Isabelle", "Thomas", "Lotte", "Jean", "Marie"},
	last:    []string{"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Hermans", "Michiels", "Van Damme", "Leclercq"},
	syll:    [2][]string{{"Van", "De", "Ver", "Wil", "Goos", "Clae", "Mer"}, {"mans", "sens", "aert", "ckx", "ens", "mont"}},
	trades:  []string{"Bouwmaterialen", "Électricité", "Installaties", "Quincaillerie", "Drukkerij", "Transport"},
	legal:   [][]string{{"BV", "B.V.", "BVBA", "SRL", "SPRL"}, {"NV", "SA", "N.V."}},
	streets: []string{"Kerk", "Stations", "Molen", "Dorps", "de la Gare", "Royale", "de Namur", "Leopold"},
	cities:  []city{{"Bruxelles", "10", "2"}, {"Antwerpen", "20", "3"}, {"Gent", "90", "9"}, {"Charleroi", "60", "71"}, {"Liège", "40", "4"}, {"Brugge", "80", "50"}, {"Namur", "50", "81"}, {"Leuven", "30", "16"}},
	tld:     "be", free: []string{"skynet.be", "telenet.be", "gmail.com", "hotmail.com"},
	vat: func(r rng) string { return "BE0" + number(r, 9) },
}

var gb = &country{
	code: "GB", name: "United Kingdom", local: "UK", weight: 12, dial: "44", trunk: "0",
	first:   []string{"Oliver", "Amelia", "George", "Olivia", "Harry", "Isla", "Jack", "Emily", "James", "Sophie", "William", "Jessica", "Thomas", "Charlotte", "David", "Sarah", "Paul", "Emma", "Mark", "Rebecca", "Andrew", "Claire", "Richard", "Helen", "Stephen"},
	last:    []string{"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "O'Brien", "McDonald"},
	syll:    [2][]string{{"Ash", "Brad", "Brom", "Car", "Chad", "Dun", "Fair", "Hart", "Holl", "Kirk", "Lang", "Mid", "Pen", "Ram", "Shel", "Stan", "Thorn", "Wal", "Whit", "Wood"}, {"ley", "ton", "worth", "field", "ford", "wick", "by", "ham", "well", "more", "combe", "stone", "hurst", "shaw"}},
	trades:  []string{"Building Supplies", "Electrical", "Plumbing", "Timber", "Motors", "Printing", "Logistics", "Hardware", "Engineering", "Tools", "Office Supplies", "Heating", "Roofing", "Industrial Supplies", "International Trading"},
	legal:   [][]string{{"Ltd", "Ltd.", "Limited", "LTD"}, {"PLC", "plc", "Public Limited Company"}, {"LLP"}},
	streets: []string{"High", "Station", "Main", "Park", "Church", "London", "Victoria", "Green", "Manor", "Mill", "Kings", "Queens", "New", "Grange", "North", "Albert", "Springfield", "Windsor", "York", "Chester"},
	cities:  []city{{"London", "SW", "20"}, {"Manchester", "M", "161"}, {"Birmingham", "B", "121"}, {"Leeds", "LS", "113"}, {"Glasgow", "G", "141"}, {"Liverpool", "L", "151"}, {"Bristol", "BS", "117"}, {"Sheffield", "S", "114"}, {"Edinburgh", "EH", "131"}, {"Cardiff", "CF", "29"}, {"Leicester", "LE", "116"}, {"Nottingham", "NG", "115"}, {"Newcastle upon Tyne", "NE", "191"}, {"Southampton", "SO", "23"}},
	tld:     "co.uk", free: []string{"gmail.com", "btinternet.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "sky.com"},
	vat: func(r rng) string { return "GB" + number(r, 9) },
}

var us = &country{
	code: "US", name: "United States", local: "USA", weight: 8, dial: "1", trunk: "1",
	first:   []string{"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony"},
	last:    []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores"},
	syll:    [2][]string{{"Ash", "Bar", "Black", "Brook", "Craw", "Ed", "Fitz", "Good", "Hol", "Lock", "Mc", "Red", "Stan", "Whit", "Win"}, {"ford", "son", "well", "wood", "field", "hart", "ridge", "man", "ley", "ton", "burn"}},
	trades:  []string{"Supply", "Electric", "Plumbing", "Lumber", "Auto Parts", "Printing", "Logistics", "Hardware", "Industrial Supply", "Tools", "Office Products", "HVAC", "Roofing", "Distribution", "International"},
	legal:   [][]string{{"Inc.", "Inc", "Incorporated", "INC"}, {"LLC", "L.L.C.", "Llc"}, {"Corp.", "Corporation", "Corp"}, {"Co.", "Company"}},
	streets: []string{"Main", "Oak", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Pine", "Park", "Walnut", "Lincoln", "Jefferson", "Madison", "Sunset", "Highland", "Ridge", "Franklin", "Spring", "Church"},
	cities:  []city{{"New York", "100", "212"}, {"Los Angeles", "900", "213"}, {"Chicago", "606", "312"}, {"Houston", "770", "713"}, {"Phoenix", "850", "602"}, {"Philadelphia", "191", "215"}, {"San Antonio", "782", "210"}, {"San Diego", "921", "619"}, {"Dallas", "752", "214"}, {"Austin", "787", "512"}, {"Seattle", "981", "206"}, {"Denver", "802", "303"}, {"Boston", "021", "617"}, {"Atlanta", "303", "404"}},
	tld:     "com", free: []string{"gmail.com", "yahoo.com", "hotmail.com", "aol.com", "outlook.com", "comcast.net", "icloud.com"},
	vat: func(r rng) string {
		d := number(r, 9)
		return d[:2] + "-" + d[2:]
	},
}

var pl = &country{
	code: "PL", name: "Poland", local: "Polska", weight: 3, dial: "48",
	first:   []string{"Anna", "Piotr", "Maria", "Krzysztof", "Katarzyna", "Andrzej", "Małgorzata", "Tomasz", "Agnieszka", "Paweł", "Łukasz", "Magdalena", "Michał", "Joanna"},
	last:    []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk"},
	syll:    [2][]string{{"Kra", "Wol", "Sob", "Grab", "Pie", "Dud", "Ja", "Cza", "Sta", "Ry"}, {"ski", "cki", "wicz", "czyk", "iak", "ewski", "owski"}},
	trades:  []string{"Hurtownia", "Elektro", "Budmat", "Instalacje", "Transport", "Drukarnia", "Narzędzia"},
	legal:   [][]string{{"Sp. z o.o.", "sp. z o.o.", "Sp.z o.o.", "spółka z o.o."}, {"S.A.", "SA"}},
	streets: []string{"Długa", "Krótka", "Polna", "Leśna", "Słoneczna", "Ogrodowa", "Lipowa", "Kościuszki", "Mickiewicza", "Piłsudskiego"},
	cities:  []city{{"Warszawa", "00", "22"}, {"Kraków", "30", "12"}, {"Łódź", "90", "42"}, {"Wrocław", "50", "71"}, {"Poznań", "60", "61"}, {"Gdańsk", "80", "58"}},
	tld:     "pl", free: []string{"wp.pl", "o2.pl", "onet.pl", "interia.pl", "gmail.com"},
	vat: func(r rng) string { return "PL" + number(r, 10) },
}

var se = &country{
	code: "SE", name: "Sweden", local: "Sverige", weight: 2, dial: "46", trunk: "0",
	first:   []string{"Erik", "Lars", "Karl", "Anna", "Maria", "Eva", "Karin", "Anders", "Johan", "Sara", "Emma", "Björn", "Åsa", "Sören"},
	last:    []string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindström", "Åberg"},
	syll:    [2][]string{{"Lind", "Berg", "Sjö", "Ek", "Holm", "Dahl", "Ny", "Strand", "Sand", "Lund"}, {"gren", "qvist", "ström", "berg", "blad", "lund", "mark", "by"}},
	trades:  []string{"Bygg", "El", "VVS", "Trävaror", "Verktyg", "Tryckeri", "Logistik"},
	legal:   [][]string{{"AB", "Aktiebolag", "AB (publ)"}, {"HB", "Handelsbolag"}},
	streets: []string{"Storgatan", "Kungsgatan", "Drottninggatan", "Skolgatan", "Kyrkogatan", "Järnvägsgatan", "Nygatan", "Parkvägen", "Björkvägen", "Industrivägen"},
	cities:  []city{{"Stockholm", "11", "8"}, {"Göteborg", "41", "31"}, {"Malmö", "21", "40"}, {"Uppsala", "75", "18"}, {"Västerås", "72", "21"}, {"Örebro", "70", "19"}},
	tld:     "se", free: []string{"gmail.com", "hotmail.com", "telia.com", "outlook.com"},
	vat: func(r rng) string { return "SE" + number(r, 10) + "01" },
}

// pickCountry draws a country by weight.
func pickCountry(r rng) *country {
	total := 0
	for _, c := range countries {
		total += c.weight
	}
	n := r.IntN(total)
	for _, c := range countries {
		if n < c.weight {
			return c
		}
		n -= c.weight
	}
	return countries[0]
}

// surname is a common surname (Zipf-weighted) or, as often in a real register, a rarer one
// built from syllables.
func (c *country) surname(r rng) string {
	if r.p(0.45) {
		return zipf(r, c.last)
	}
	return pick(r, c.syll[0]) + pick(r, c.syll[1])
}

// brand is an invented company word: "Norvatek", "Elbrio".
func brand(r rng) string {
	starts := []string{"Nor", "El", "Ver", "Al", "Tri", "Kon", "Sol", "Vi", "Mar", "Lum", "Ox", "Zen", "Pro", "Ter", "Aqu", "Fle", "Gra", "Hel", "Ist", "Kar", "Mon", "Nex", "Or", "Pal", "Quin", "Ros", "Sil", "Tan", "Ul", "Vel", "Wen", "Xa", "Yor", "Zil"}
	mids := []string{"", "a", "o", "i", "e", "u", "ar", "el", "in", "on"}
	ends := []string{"tek", "brio", "via", "lux", "tron", "max", "nova", "tec", "sys", "line", "form", "plan", "data", "werk", "tix", "go", "lab", "mond", "ris", "sta"}
	return pick(r, starts) + pick(r, mids) + pick(r, ends)
}

// streetLine writes a street and house number the way the country does.
func (c *country) streetLine(r rng, base string, n int) string {
	switch c.code {
	case "DE", "AT", "CH":
		if strings.HasSuffix(base, "-") {
			return fmt.Sprintf("%sStraße %d", base, n)
		}
		switch r.IntN(6) {
		case 0:
			return fmt.Sprintf("%sweg %d", base, n)
		case 1:
			return fmt.Sprintf("%splatz %d", base, n)
		case 2:
			return fmt.Sprintf("%sallee %d", base, n)
		}
		return fmt.Sprintf("%sstraße %d", base, n)
	case "FR", "BE":
		if c.code == "BE" && !strings.HasPrefix(base, "de") && base != "Royale" && base != "Leopold" {
			return fmt.Sprintf("%sstraat %d", base, n)
		}
		return fmt.Sprintf("%d %s %s", n, pick(r, []string{"rue", "rue", "rue", "avenue", "boulevard", "place"}), base)
	case "IT":
		return fmt.Sprintf("%s %s %d", pick(r, []string{"Via", "Via", "Via", "Viale", "Piazza", "Corso"}), base, n)
	case "ES":
		return fmt.Sprintf("%s %s %d", pick(r, []string{"Calle", "Calle", "Avenida", "Plaza"}), base, n)
	case "NL":
		return fmt.Sprintf("%s%s %d", base, pick(r, []string{"straat", "straat", "weg", "laan", "plein"}), n)
	case "GB":
		return fmt.Sprintf("%d %s %s", n, base, pick(r, []string{"Street", "Road", "Road", "Lane", "Avenue", "Close", "Drive"}))
	case "US":
		return fmt.Sprintf("%d %s %s", n, base, pick(r, []string{"Street", "Avenue", "Boulevard", "Drive", "Road", "Lane"}))
	case "PL":
		return fmt.Sprintf("ul. %s %d", base, n)
	}
	return fmt.Sprintf("%s %d", base, n)
}

// postcode invents a postcode in the city's region, written the country's way.
func (c *country) postcode(r rng, ct city) string {
	switch c.code {
	case "DE", "FR", "IT", "ES":
		return ct.post + digits(r, 5-len(ct.post))
	case "AT", "CH", "BE":
		return ct.post + digits(r, 4-len(ct.post))
	case "NL":
		return ct.post + digits(r, 2) + " " + string([]byte{byte('A' + r.IntN(26)), byte('A' + r.IntN(26))})
	case "GB":
		return fmt.Sprintf("%s%d %d%c%c", ct.post, 1+r.IntN(20), r.IntN(10), 'A'+r.IntN(26), 'A'+r.IntN(26))
	case "US":
		return ct.post + digits(r, 2)
	case "PL":
		return ct.post + "-" + digits(r, 3)
	case "SE":
		return ct.post + digits(r, 1) + " " + digits(r, 2)
	}
	return digits(r, 5)
}

// subscriber invents the local part of a phone number for the city: enough digits for a
// ten- to eleven-digit national number.
func (c *country) subscriber(r rng, ct city) string {
	switch c.code {
	case "US":
		return number(r, 7)
	case "FR":
		return number(r, 8)
	case "IT":
		return number(r, 10-len(ct.area))
	case "ES":
		return number(r, 9-len(ct.area))
	case "NL", "CH", "SE":
		return number(r, 9-len(ct.area))
	case "BE":
		return number(r, 8-len(ct.area))
	case "GB":
		return number(r, 10-len(ct.area))
	case "PL":
		return number(r, 9-len(ct.area))
	}
	return number(r, max(10-len(ct.area), 5))
}
