package demo

// country holds what it takes to make a believable business customer in one country.
type country struct {
	code      string
	weight    int    // relative share of the customer base
	dial      string // international calling code
	national  int    // digits of a national number (area code included)
	trunk     string // prefix dialled before the area code at home
	tld       string
	currency  string
	forms     []string // legal forms, the most common first
	trades    []string
	places    []string // regional words that companies put in their names
	branch    string   // what a branch office is called
	mailboxes []string
	titles    []string
	first     []string
	last      []string
	streets   []string
	street2   []string
	cities    []city
}

// city is a city with the start of its postcodes and its phone area code.
type city struct {
	name, state, post, area string
}

var englishTitles = []string{"Purchasing Manager", "Buyer", "Managing Director", "Accounts Payable", "Operations Manager", "Warehouse Manager", "Project Manager", "Facilities Manager"}
var germanTitles = []string{"Einkauf", "Leitung Einkauf", "Geschäftsführer", "Buchhaltung", "Lagerleitung", "Projektleiter", "Technischer Leiter"}
var germanTrades = []string{"Elektrotechnik", "Elektro", "Haustechnik", "Industriebedarf", "Werkzeughandel", "Gebäudetechnik", "Schaltanlagenbau", "Maschinenbau", "Befestigungstechnik", "Automationstechnik", "Anlagenbau", "Metallbau", "Lichttechnik", "Bürobedarf"}
var germanStreet2 = []string{"Halle 3", "Gebäude B", "Hinterhaus", "Tor 2", "2. OG"}

// countries are weighted towards a German distributor's home market and neighbours.
var countries = []country{
	{
		code: "DE", weight: 31, dial: "49", national: 10, trunk: "0", tld: "de", currency: "EUR",
		forms:     []string{"GmbH", "GmbH", "GmbH", "GmbH & Co. KG", "e.K.", "AG", "KG"},
		trades:    germanTrades,
		places:    []string{"Hanse", "Rhein-Main", "Nord", "Süd", "Allgäu", "Ruhr", "Elbe", "Spree"},
		branch:    "Niederlassung",
		mailboxes: []string{"info", "einkauf", "bestellung", "buchhaltung"},
		titles:    germanTitles,
		first:     []string{"Thomas", "Michael", "Andreas", "Stefan", "Sabine", "Claudia", "Julia", "Katrin", "Jürgen", "Jörg", "Björn", "Uwe", "Anja", "Petra", "Markus", "Frank", "Monika", "Tobias", "Sven", "Kerstin"},
		last:      []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Jäger", "Groß", "Böhm", "Vogel", "Friedrich", "Günther"},
		streets:   []string{"Industriestraße", "Hauptstraße", "Gewerbestraße", "Am Hafen", "Bahnhofstraße", "Carl-Benz-Straße", "Robert-Bosch-Straße", "Siemensstraße", "Max-Planck-Straße", "Lindenallee", "Im Gewerbepark", "Daimlerstraße", "Otto-Hahn-Straße", "Gutenbergstraße", "Raiffeisenstraße", "Mühlenweg"},
		street2:   germanStreet2,
		cities: []city{
			{"Hamburg", "Hamburg", "22", "40"}, {"München", "Bayern", "80", "89"}, {"Berlin", "Berlin", "12", "30"},
			{"Köln", "Nordrhein-Westfalen", "50", "221"}, {"Frankfurt am Main", "Hessen", "60", "69"},
			{"Stuttgart", "Baden-Württemberg", "70", "711"}, {"Düsseldorf", "Nordrhein-Westfalen", "40", "211"},
			{"Hannover", "Niedersachsen", "30", "511"}, {"Nürnberg", "Bayern", "90", "911"},
			{"Leipzig", "Sachsen", "04", "341"}, {"Dortmund", "Nordrhein-Westfalen", "44", "231"},
			{"Bremen", "Bremen", "28", "421"}, {"Dresden", "Sachsen", "01", "351"}, {"Essen", "Nordrhein-Westfalen", "45", "201"},
			{"Bielefeld", "Nordrhein-Westfalen", "33", "521"}, {"Mannheim", "Baden-Württemberg", "68", "621"},
			{"Augsburg", "Bayern", "86", "821"}, {"Regensburg", "Bayern", "93", "941"}, {"Kiel", "Schleswig-Holstein", "24", "431"},
			{"Münster", "Nordrhein-Westfalen", "48", "251"},
		},
	},
	{
		code: "AT", weight: 8, dial: "43", national: 10, trunk: "0", tld: "at", currency: "EUR",
		forms:     []string{"GmbH", "GmbH", "GmbH", "KG", "e.U.", "AG"},
		trades:    append([]string{"Elektroinstallationen"}, germanTrades[:10]...),
		places:    []string{"Alpen", "Donau", "Tirol", "Steirische", "Wiener"},
		branch:    "Niederlassung",
		mailboxes: []string{"office", "einkauf", "bestellung"},
		titles:    germanTitles,
		first:     []string{"Wolfgang", "Christian", "Johann", "Gerhard", "Elisabeth", "Martina", "Andrea", "Lukas", "Florian", "Barbara"},
		last:      []string{"Gruber", "Huber", "Bauer", "Wagner", "Müller", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber"},
		streets:   []string{"Industriestraße", "Hauptplatz", "Gewerbepark", "Wiener Straße", "Linzer Straße", "Betriebsstraße", "Mühlweg", "Bahnhofstraße"},
		street2:   germanStreet2,
		cities: []city{
			{"Wien", "Wien", "1", "1"}, {"Graz", "Steiermark", "80", "316"}, {"Linz", "Oberösterreich", "40", "732"},
			{"Salzburg", "Salzburg", "50", "662"}, {"Innsbruck", "Tirol", "60", "512"}, {"Klagenfurt", "Kärnten", "90", "463"},
			{"Wels", "Oberösterreich", "46", "7242"},
		},
	},
	{
		code: "CH", weight: 5, dial: "41", national: 9, trunk: "0", tld: "ch", currency: "EUR",
		forms:     []string{"AG", "AG", "GmbH", "SA", "Sàrl"},
		trades:    []string{"Elektrotechnik", "Elektro", "Haustechnik", "Industriebedarf", "Werkzeuge", "Gebäudetechnik", "Automation"},
		places:    []string{"Alpina", "Helvetia", "Limmat", "Seeland"},
		branch:    "Filiale",
		mailboxes: []string{"info", "einkauf", "bestellungen"},
		titles:    germanTitles,
		first:     []string{"Daniel", "Peter", "Beat", "Urs", "Reto", "Monika", "Ursula", "Nicole", "Laurent", "Sandrine"},
		last:      []string{"Meier", "Keller", "Brunner", "Baumann", "Frei", "Gerber", "Widmer", "Zürcher", "Müller", "Favre", "Rochat", "Steiner", "Weber", "Moser"},
		streets:   []string{"Industriestrasse", "Bahnhofstrasse", "Gewerbestrasse", "Hauptstrasse", "Zürcherstrasse", "Route de Genève", "Chemin des Artisans"},
		street2:   []string{"Gebäude C", "Halle 2", "Postfach"},
		cities: []city{
			{"Zürich", "ZH", "80", "44"}, {"Basel", "BS", "40", "61"}, {"Bern", "BE", "30", "31"},
			{"Genève", "GE", "12", "22"}, {"Lausanne", "VD", "10", "21"}, {"Winterthur", "ZH", "84", "52"}, {"Luzern", "LU", "60", "41"},
		},
	},
	{
		code: "NL", weight: 9, dial: "31", national: 9, trunk: "0", tld: "nl", currency: "EUR",
		forms:     []string{"B.V.", "B.V.", "B.V.", "V.O.F."},
		trades:    []string{"Installatietechniek", "Elektrotechniek", "Technische Groothandel", "Bevestigingsmaterialen", "Kantoorartikelen", "Machinebouw", "Verlichting", "Gereedschappen"},
		places:    []string{"Holland", "Randstad", "Brabant", "Noord", "Twente"},
		branch:    "Vestiging",
		mailboxes: []string{"info", "inkoop", "bestellingen", "administratie"},
		titles:    []string{"Inkoper", "Directeur", "Administratie", "Magazijnbeheerder", "Projectleider"},
		first:     []string{"Jan", "Pieter", "Sanne", "Anouk", "Bram", "Lotte", "Daan", "Joost", "Femke", "Marieke", "Ruud", "Willem"},
		last:      []string{"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen"},
		streets:   []string{"Industrieweg", "Kerkstraat", "Stationsweg", "Havenstraat", "Nijverheidsweg", "Ambachtsweg", "Energieweg", "Transportweg"},
		street2:   []string{"Unit 4", "Hal 2", "Bedrijventerrein De Hoek"},
		cities: []city{
			{"Amsterdam", "", "10", "20"}, {"Rotterdam", "", "30", "10"}, {"Utrecht", "", "35", "30"},
			{"Eindhoven", "", "56", "40"}, {"Den Haag", "", "25", "70"}, {"Groningen", "", "97", "50"}, {"Tilburg", "", "50", "13"},
		},
	},
	{
		code: "BE", weight: 5, dial: "32", national: 8, trunk: "0", tld: "be", currency: "EUR",
		forms:     []string{"BV", "BV", "NV", "SRL", "SA"},
		trades:    []string{"Elektrotechniek", "Installatietechniek", "Électricité", "Fournitures Industrielles", "Technische Handel", "Outillage"},
		places:    []string{"Benelux", "Vlaanderen", "Wallonie", "Kempen"},
		branch:    "Vestiging",
		mailboxes: []string{"info", "aankoop", "achats", "orders"},
		titles:    []string{"Aankoper", "Zaakvoerder", "Responsable achats", "Boekhouding", "Gérant"},
		first:     []string{"Luc", "Koen", "Els", "Sofie", "Pierre", "Nathalie", "Bart", "Wim", "Isabelle", "Marc"},
		last:      []string{"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "Dubois", "Lambert", "Dupont"},
		streets:   []string{"Industrieweg", "Kerkstraat", "Rue de l'Industrie", "Avenue Louise", "Nijverheidsstraat", "Chaussée de Mons", "Stationsstraat"},
		street2:   []string{"Bus 3", "Boîte 2", "Zone 4"},
		cities: []city{
			{"Brussel", "", "10", "2"}, {"Antwerpen", "", "20", "3"}, {"Gent", "", "90", "9"}, {"Liège", "", "40", "4"},
			{"Brugge", "", "80", "50"}, {"Leuven", "", "30", "16"}, {"Charleroi", "", "60", "71"},
		},
	},
	{
		code: "FR", weight: 10, dial: "33", national: 9, trunk: "0", tld: "fr", currency: "EUR",
		forms:     []string{"SARL", "SARL", "SAS", "SAS", "SA", "EURL"},
		trades:    []string{"Électricité", "Fournitures Industrielles", "Équipements Électriques", "Outillage", "Plomberie Chauffage", "Bureautique", "Automatismes", "Éclairage"},
		places:    []string{"Atlantique", "Provence", "Rhône-Alpes", "Normandie", "Alsace", "Bretagne"},
		branch:    "Agence",
		mailboxes: []string{"contact", "achats", "commandes", "comptabilite"},
		titles:    []string{"Responsable achats", "Gérant", "Comptabilité", "Chef de projet", "Responsable logistique", "Acheteur"},
		first:     []string{"Jean", "Pierre", "Philippe", "Nicolas", "Isabelle", "Nathalie", "Sophie", "Céline", "Stéphane", "François", "Hélène", "Jérôme", "Aurélie", "Sébastien"},
		last:      []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Fournier", "Girard", "Bonnet", "Rousseau", "Mercier", "Chevalier"},
		streets:   []string{"rue de l'Industrie", "avenue de la République", "rue Pasteur", "boulevard Gambetta", "rue des Artisans", "rue Jean Jaurès", "avenue Victor Hugo", "chemin des Vignes", "rue du Commerce"},
		street2:   []string{"Bâtiment B", "ZI Nord", "ZA des Prés", "BP 214"},
		cities: []city{
			{"Paris", "", "75", "1"}, {"Lyon", "", "69", "4"}, {"Marseille", "", "13", "4"}, {"Toulouse", "", "31", "5"},
			{"Lille", "", "59", "3"}, {"Bordeaux", "", "33", "5"}, {"Nantes", "", "44", "2"}, {"Strasbourg", "", "67", "3"},
			{"Rennes", "", "35", "2"}, {"Grenoble", "", "38", "4"},
		},
	},
	{
		code: "GB", weight: 9, dial: "44", national: 10, trunk: "0", tld: "co.uk", currency: "EUR",
		forms:     []string{"Ltd", "Ltd", "Ltd", "Ltd", "PLC", "LLP"},
		trades:    []string{"Electrical Supplies", "Electrical Contractors", "Fasteners", "Industrial Supplies", "Engineering", "Building Services", "Office Supplies", "Lighting", "Facilities Management", "Tool Hire"},
		places:    []string{"Pennine", "Northern", "Thames Valley", "Midland", "Severn", "Solent", "Caledonian", "Anglia"},
		branch:    "Branch",
		mailboxes: []string{"info", "sales", "purchasing", "accounts", "orders"},
		titles:    englishTitles,
		first:     []string{"James", "David", "Sarah", "Emma", "Oliver", "Charlotte", "Mark", "Paul", "Rachel", "Helen", "Gareth", "Siobhan", "Ian", "Claire"},
		last:      []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Hughes", "Patel", "Khan"},
		streets:   []string{"Station Road", "High Street", "Mill Lane", "Trafford Park Road", "Church Street", "Victoria Road", "Kingsway", "Brunel Way", "Commerce Way"},
		street2:   []string{"Unit 7", "Riverside Industrial Estate", "Second Floor", "Unit 2B"},
		cities: []city{
			{"London", "", "E", "20"}, {"Manchester", "", "M", "161"}, {"Birmingham", "", "B", "121"}, {"Leeds", "", "LS", "113"},
			{"Glasgow", "", "G", "141"}, {"Bristol", "", "BS", "117"}, {"Sheffield", "", "S", "114"}, {"Nottingham", "", "NG", "115"},
		},
	},
	{
		code: "IE", weight: 2, dial: "353", national: 9, trunk: "0", tld: "ie", currency: "EUR",
		forms:     []string{"Ltd", "Ltd", "DAC"},
		trades:    []string{"Electrical Wholesale", "Electrical Services", "Industrial Supplies", "Engineering", "Fixings"},
		places:    []string{"Atlantic", "Emerald", "Liffey", "Shannon"},
		branch:    "Branch",
		mailboxes: []string{"info", "sales", "accounts", "orders"},
		titles:    englishTitles,
		first:     []string{"Seán", "Aoife", "Ciarán", "Niamh", "Patrick", "Mary", "Conor", "Sinéad", "Declan", "Orla"},
		last:      []string{"Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "O'Connor", "O'Neill", "McCarthy", "Doyle", "Gallagher"},
		streets:   []string{"Main Street", "Naas Road", "Ballymount Road", "Dock Road", "Western Road"},
		street2:   []string{"Unit 12", "Ballymount Industrial Estate", "Kilbarry Business Park"},
		cities: []city{
			{"Dublin", "", "D", "1"}, {"Cork", "", "T12", "21"}, {"Galway", "", "H91", "91"}, {"Limerick", "", "V94", "61"},
		},
	},
	{
		code: "IT", weight: 6, dial: "39", national: 10, trunk: "", tld: "it", currency: "EUR",
		forms:     []string{"S.r.l.", "S.r.l.", "S.r.l.", "S.p.A.", "S.n.c."},
		trades:    []string{"Impianti Elettrici", "Forniture Industriali", "Materiale Elettrico", "Utensileria", "Automazione", "Forniture per Ufficio", "Illuminazione"},
		places:    []string{"Adriatica", "Padana", "Lombarda", "Tirrenica", "Veneta"},
		branch:    "Filiale",
		mailboxes: []string{"info", "acquisti", "ordini", "amministrazione"},
		titles:    []string{"Responsabile acquisti", "Amministratore", "Contabilità", "Responsabile magazzino", "Titolare"},
		first:     []string{"Marco", "Giuseppe", "Luca", "Francesca", "Giulia", "Alessandro", "Chiara", "Paolo", "Roberta", "Davide", "Elena"},
		last:      []string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Fontana"},
		streets:   []string{"Via Roma", "Via dell'Industria", "Via Giuseppe Garibaldi", "Via dell'Artigianato", "Via Enrico Fermi", "Corso Italia", "Via Alessandro Volta", "Via Torino"},
		street2:   []string{"Capannone 4", "Zona Industriale", "Scala B"},
		cities: []city{
			{"Milano", "MI", "201", "02"}, {"Roma", "RM", "001", "06"}, {"Torino", "TO", "101", "011"}, {"Bologna", "BO", "401", "051"},
			{"Verona", "VR", "371", "045"}, {"Brescia", "BS", "251", "030"}, {"Padova", "PD", "351", "049"},
		},
	},
	{
		code: "ES", weight: 4, dial: "34", national: 9, trunk: "", tld: "es", currency: "EUR",
		forms:     []string{"S.L.", "S.L.", "S.L.", "S.A.", "S.L.U."},
		trades:    []string{"Suministros Industriales", "Instalaciones Eléctricas", "Material Eléctrico", "Ferretería Industrial", "Automatización", "Iluminación"},
		places:    []string{"Levante", "Ibérica", "Mediterráneo", "Cantábrica"},
		branch:    "Sucursal",
		mailboxes: []string{"info", "compras", "pedidos", "administracion"},
		titles:    []string{"Jefe de compras", "Gerente", "Contabilidad", "Responsable de almacén", "Comprador"},
		first:     []string{"José", "Antonio", "Manuel", "Javier", "María", "Carmen", "Lucía", "Pilar", "Sergio", "Raúl"},
		last:      []string{"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez"},
		streets:   []string{"Calle Mayor", "Avenida de la Industria", "Calle de la Constitución", "Calle Gran Vía", "Avenida de Andalucía", "Calle Alcalá"},
		street2:   []string{"Nave 7", "Planta 2", "Polígono Industrial Las Mercedes"},
		cities: []city{
			{"Madrid", "Madrid", "28", "91"}, {"Barcelona", "Barcelona", "08", "93"}, {"Valencia", "Valencia", "46", "96"},
			{"Sevilla", "Sevilla", "41", "95"}, {"Bilbao", "Bizkaia", "48", "94"}, {"Zaragoza", "Zaragoza", "50", "976"},
		},
	},
	{
		code: "PL", weight: 4, dial: "48", national: 9, trunk: "", tld: "pl", currency: "EUR",
		forms:     []string{"Sp. z o.o.", "Sp. z o.o.", "Sp. z o.o.", "S.A.", "sp.j."},
		trades:    []string{"Elektro", "Instalacje Elektryczne", "Hurtownia Elektryczna", "Technika Przemysłowa", "Narzędzia", "Automatyka"},
		places:    []string{"Mazowsze", "Śląsk", "Bałtyk", "Wisła", "Pomorze"},
		branch:    "Oddział",
		mailboxes: []string{"biuro", "zamowienia", "zakupy"},
		titles:    []string{"Kierownik zakupów", "Prezes zarządu", "Księgowość", "Kierownik magazynu", "Specjalista ds. zakupów"},
		first:     []string{"Piotr", "Krzysztof", "Tomasz", "Paweł", "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Łukasz", "Michał"},
		last:      []string{"Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk", "Kaczmarek", "Zając", "Król", "Wieczorek", "Pawlak", "Michalak", "Walczak", "Sikora", "Baran", "Duda"},
		streets:   []string{"ul. Przemysłowa", "ul. Marszałkowska", "ul. Fabryczna", "ul. Długa", "ul. Mickiewicza", "ul. Kolejowa", "ul. Polna"},
		street2:   []string{"lok. 5", "Hala B", "II piętro"},
		cities: []city{
			{"Warszawa", "", "0", "22"}, {"Kraków", "", "3", "12"}, {"Wrocław", "", "5", "71"}, {"Poznań", "", "6", "61"}, {"Gdańsk", "", "8", "58"}, {"Łódź", "", "9", "42"},
		},
	},
	{
		code: "DK", weight: 2, dial: "45", national: 8, trunk: "", tld: "dk", currency: "EUR",
		forms:     []string{"ApS", "ApS", "A/S"},
		trades:    []string{"El-teknik", "El-service", "Industri", "VVS", "Værktøj"},
		places:    []string{"Nordisk", "Jysk", "Øresund"},
		branch:    "Afdeling",
		mailboxes: []string{"info", "indkob", "ordre"},
		titles:    englishTitles,
		first:     []string{"Lars", "Mette", "Søren", "Anne", "Henrik", "Kirsten", "Jens", "Louise", "Rasmus"},
		last:      []string{"Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Madsen"},
		streets:   []string{"Industrivej", "Hovedgaden", "Vestergade", "Erhvervsvej", "Håndværkervej", "Østergade"},
		street2:   []string{"Bygning 2", "1. sal"},
		cities: []city{
			{"København", "", "2", "3"}, {"Aarhus", "", "8", "8"}, {"Odense", "", "5", "6"}, {"Aalborg", "", "9", "9"},
		},
	},
	{
		code: "SE", weight: 3, dial: "46", national: 9, trunk: "0", tld: "se", currency: "EUR",
		forms:     []string{"AB"},
		trades:    []string{"Elteknik", "Elinstallationer", "Industriservice", "Verktyg", "Belysning", "Automation"},
		places:    []string{"Nordic", "Svea", "Västkust", "Norrland"},
		branch:    "Filial",
		mailboxes: []string{"info", "inkop", "order"},
		titles:    englishTitles,
		first:     []string{"Anders", "Erik", "Johan", "Karin", "Anna", "Maria", "Lars", "Magnus", "Sofia", "Björn"},
		last:      []string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Lindberg", "Lindqvist", "Åberg"},
		streets:   []string{"Industrivägen", "Storgatan", "Kungsgatan", "Verkstadsgatan", "Hamngatan", "Drottninggatan"},
		street2:   []string{"Port 3", "Hus B"},
		cities: []city{
			{"Stockholm", "", "11", "8"}, {"Göteborg", "", "41", "31"}, {"Malmö", "", "21", "40"}, {"Uppsala", "", "75", "18"}, {"Västerås", "", "72", "21"},
		},
	},
	{
		code: "US", weight: 6, dial: "1", national: 10, trunk: "1", tld: "com", currency: "USD",
		forms:     []string{"Inc.", "Inc.", "LLC", "LLC", "Corp."},
		trades:    []string{"Electric Supply", "Industrial Supply", "Electrical Contractors", "Fastener Co.", "Mechanical", "Office Solutions", "Automation", "Lighting"},
		places:    []string{"Midwest", "Great Lakes", "Gulf Coast", "Pacific", "Lone Star", "Tri-State", "Keystone", "Heartland"},
		branch:    "Branch",
		mailboxes: []string{"info", "sales", "purchasing", "ap"},
		titles:    englishTitles,
		first:     []string{"Michael", "Jennifer", "Robert", "Jessica", "David", "Ashley", "Chris", "Brian", "Amanda", "Kevin", "Melissa", "Jason"},
		last:      []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Garcia", "Rodriguez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Thompson", "Lee", "Harris", "Clark", "Walker", "Nguyen"},
		streets:   []string{"Commerce Drive", "Industrial Parkway", "Main Street", "Enterprise Boulevard", "Technology Drive", "Oak Street", "Airport Road", "Distribution Way"},
		street2:   []string{"Suite 200", "Building 3", "Unit B"},
		cities: []city{
			{"Chicago", "IL", "606", "312"}, {"Houston", "TX", "770", "713"}, {"Atlanta", "GA", "303", "404"}, {"Columbus", "OH", "432", "614"},
			{"Charlotte", "NC", "282", "704"}, {"Denver", "CO", "802", "303"}, {"Phoenix", "AZ", "850", "602"}, {"Milwaukee", "WI", "532", "414"},
			{"Pittsburgh", "PA", "152", "412"},
		},
	},
}

// formVariants are other spellings of a legal form that people type for the same company.
var formVariants = map[string][]string{
	"GmbH": {"G.m.b.H.", "Gesellschaft mbH", "Gmbh"}, "GmbH & Co. KG": {"GmbH & Co KG", "GmbH u. Co. KG"},
	"AG": {"Aktiengesellschaft"}, "e.K.": {"e. K.", "eK"}, "KG": {"Kommanditgesellschaft"}, "e.U.": {"eU"},
	"Ltd": {"Limited", "Ltd."}, "PLC": {"plc", "Public Limited Company"}, "LLP": {"L.L.P."}, "DAC": {"Designated Activity Company"},
	"B.V.": {"BV", "B.V"}, "V.O.F.": {"VOF"}, "BV": {"B.V."}, "NV": {"N.V."}, "SRL": {"S.R.L."}, "SA": {"S.A."},
	"SARL": {"S.A.R.L.", "Sarl"}, "SAS": {"S.A.S."}, "EURL": {"E.U.R.L."}, "Sàrl": {"Sarl", "S.à r.l."},
	"S.r.l.": {"Srl", "S.R.L."}, "S.p.A.": {"SpA", "S.P.A."}, "S.n.c.": {"Snc"},
	"S.L.": {"SL", "S.L"}, "S.A.": {"SA"}, "S.L.U.": {"SLU"},
	"Sp. z o.o.": {"sp. z o.o.", "Sp. z.o.o."}, "sp.j.": {"Sp. j."},
	"ApS": {"Aps"}, "A/S": {"AS"}, "AB": {"Aktiebolag"},
	"Inc.": {"Inc", "Incorporated"}, "LLC": {"L.L.C.", "llc"}, "Corp.": {"Corporation", "Corp"},
}

// registeredForm is how a legal form is spelled out in the legal name, where that differs.
var registeredForm = map[string]string{"Ltd": "Limited", "Corp.": "Corporation"}

// respellings are the street and city spellings that differ between two entries of one
// address: abbreviations, transliterations and exonyms.
var respellings = [][2]string{
	{"straße", "str."}, {"Straße", "Str."}, {"strasse", "str."}, {"straat", "str."}, {"weg", "wg."},
	{"Road", "Rd"}, {"Street", "St"}, {"Lane", "Ln"}, {"Drive", "Dr."}, {"Parkway", "Pkwy"}, {"Boulevard", "Blvd"},
	{"Avenue", "Ave"}, {"avenue", "av."}, {"rue", "r."}, {"boulevard", "bd"}, {"Via ", "V. "}, {"Calle", "C/"},
	{"Avenida", "Avda."}, {"vej", "v."}, {"gatan", "g."}, {"vägen", "v."},
	{"München", "Muenchen"}, {"Köln", "Cologne"}, {"Düsseldorf", "Duesseldorf"}, {"Nürnberg", "Nuremberg"},
	{"Frankfurt am Main", "Frankfurt/M."}, {"Münster", "Muenster"}, {"Zürich", "Zurich"}, {"Genève", "Geneva"},
	{"Wien", "Vienna"}, {"Kraków", "Krakow"}, {"Wrocław", "Wroclaw"}, {"Poznań", "Poznan"}, {"Gdańsk", "Gdansk"},
	{"Łódź", "Lodz"}, {"Göteborg", "Gothenburg"}, {"Malmö", "Malmo"}, {"Västerås", "Vasteras"}, {"København", "Copenhagen"},
	{"Liège", "Liege"}, {"Brussel", "Bruxelles"}, {"Antwerpen", "Anvers"}, {"Milano", "Milan"}, {"Torino", "Turin"},
}
